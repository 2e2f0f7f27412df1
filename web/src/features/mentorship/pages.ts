// The mentorship pages, loaded together the first time someone opens one.
export { ConversationPage } from "./ConversationPage.tsx";
export { DirectMessagesPage } from "./DirectMessagesPage.tsx";
export { FindMentorPage } from "./FindMentorPage.tsx";
export { MentorPage } from "./MentorPage.tsx";
export { MentorshipHomePage } from "./MentorshipHomePage.tsx";
export { MentorshipLayout } from "./MentorshipLayout.tsx";
export { TrainingEditPage, TrainingPage } from "./TrainingPage.tsx";
