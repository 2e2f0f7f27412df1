import { type ComponentType, lazy } from "react";
import { createBrowserRouter } from "react-router";
import { HelpPage } from "../features/help/HelpPage.tsx";
import { CrashPage } from "./CrashPage.tsx";
import { HomePage } from "./HomePage.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** React.lazy for a named export: each page's code loads the first time someone opens it. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const accounts = () => import("../features/accounts/pages.ts");
const SignupPage = page(accounts, "SignupPage");
const LoginPage = page(accounts, "LoginPage");
const AccountLayout = page(accounts, "AccountLayout");
const ProfilePage = page(accounts, "ProfilePage");
const SecurityPage = page(accounts, "SecurityPage");
const PrivacyPage = page(accounts, "PrivacyPage");
const MemberPage = page(accounts, "MemberPage");

const directory = () => import("../features/directory/pages.ts");
const FinderPage = page(directory, "FinderPage");
const MeetingPage = page(directory, "MeetingPage");
const GroupsPage = page(directory, "GroupsPage");
const GroupPage = page(directory, "GroupPage");
const OrganisationPage = page(directory, "OrganisationPage");
const NewOrganisationPage = page(directory, "NewOrganisationPage");
const SchedulePage = page(directory, "SchedulePage");

const progress = () => import("../features/progress/pages.ts");
const ProgressLayout = page(progress, "ProgressLayout");
const JourneysPage = page(progress, "JourneysPage");
const CheckinPage = page(progress, "CheckinPage");
const GoalsPage = page(progress, "GoalsPage");
const PartnersPage = page(progress, "PartnersPage");
const PartnerViewPage = page(progress, "PartnerViewPage");
const PlanPage = page(progress, "PlanPage");
const StrugglingPage = page(progress, "StrugglingPage");
// The charts bring recharts: a chunk of their own, fetched only when someone opens them.
const ChartsPage = page(() => import("../features/progress/ChartsPage.tsx"), "ChartsPage");

const rooms = () => import("../features/rooms/pages.ts");
const RoomPage = page(rooms, "RoomPage");

const mentorship = () => import("../features/mentorship/pages.ts");
const MentorshipLayout = page(mentorship, "MentorshipLayout");
const MentorshipHomePage = page(mentorship, "MentorshipHomePage");
const FindMentorPage = page(mentorship, "FindMentorPage");
const MentorPage = page(mentorship, "MentorPage");
const TrainingPage = page(mentorship, "TrainingPage");
const TrainingEditPage = page(mentorship, "TrainingEditPage");
const ConversationPage = page(mentorship, "ConversationPage");
const DirectMessagesPage = page(mentorship, "DirectMessagesPage");

const forums = () => import("../features/forums/pages.ts");
const ForumsLayout = page(forums, "ForumsLayout");
const BoardsPage = page(forums, "BoardsPage");
const BoardPage = page(forums, "BoardPage");
const ThreadPage = page(forums, "ThreadPage");
const ForumSearchPage = page(forums, "SearchPage");
const ForumFiltersPage = page(forums, "FiltersPage");
const MentionsPage = page(forums, "MentionsPage");

const safety = () => import("../features/safety/pages.ts");
const SupportPage = page(safety, "SupportPage");
const QueuePage = page(safety, "QueuePage");
const AlertPage = page(safety, "AlertPage");
const ReachOutPage = page(safety, "ReachOutPage");
const ServicesPage = page(safety, "ServicesPage");
const SafetyAdminPage = page(safety, "SafetyAdminPage");

const moderation = () => import("../features/moderation/pages.ts");
const ConductPage = page(moderation, "ConductPage");
const SafetyPage = page(moderation, "SafetyPage");
const ModerationPage = page(moderation, "ModerationPage");
const AuditPage = page(moderation, "AuditPage");
const MediationPage = page(moderation, "MediationPage");
const MediationThreadPage = page(moderation, "MediationThreadPage");
const MemberSafetyPage = page(moderation, "MemberSafetyPage");

/** Every address in the app. Home, help and "not found" are in the first download: help must never wait. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <CrashPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "help", element: <HelpPage /> },
          { path: "signup", element: <SignupPage /> },
          { path: "login", element: <LoginPage /> },
          {
            path: "account",
            element: <AccountLayout />,
            children: [
              { index: true, element: <ProfilePage /> },
              { path: "security", element: <SecurityPage /> },
              { path: "privacy", element: <PrivacyPage /> },
            ],
          },
          { path: "members/:handle", element: <MemberPage /> },
          { path: "members/:handle/safety", element: <MemberSafetyPage /> },
          { path: "conduct", element: <ConductPage /> },
          { path: "notices", element: <SafetyPage /> },
          { path: "moderation", element: <ModerationPage /> },
          { path: "moderation/audit", element: <AuditPage /> },
          { path: "mediation", element: <MediationPage /> },
          { path: "mediation/:id", element: <MediationThreadPage /> },
          {
            path: "mentorship",
            element: <MentorshipLayout />,
            children: [
              { index: true, element: <MentorshipHomePage /> },
              { path: "find", element: <FindMentorPage /> },
              { path: "mentor", element: <MentorPage /> },
              { path: "training", element: <TrainingPage /> },
              { path: "training/edit", element: <TrainingEditPage /> },
              { path: "messages", element: <DirectMessagesPage /> },
              { path: ":id", element: <ConversationPage /> },
            ],
          },
          {
            path: "progress",
            element: <ProgressLayout />,
            children: [
              { index: true, element: <JourneysPage /> },
              { path: "check-in", element: <CheckinPage /> },
              { path: "charts", element: <ChartsPage /> },
              { path: "goals", element: <GoalsPage /> },
              { path: "partners", element: <PartnersPage /> },
              { path: "partners/:id", element: <PartnerViewPage /> },
              { path: "plan", element: <PlanPage /> },
              { path: "struggling", element: <StrugglingPage /> },
            ],
          },
          {
            path: "community",
            element: <ForumsLayout />,
            children: [
              { index: true, element: <BoardsPage /> },
              { path: "boards/:id", element: <BoardPage /> },
              { path: "search", element: <ForumSearchPage /> },
              { path: "settings", element: <ForumFiltersPage /> },
              { path: "mentions", element: <MentionsPage /> },
            ],
          },
          { path: "threads/:id", element: <ForumsLayout />, children: [{ index: true, element: <ThreadPage /> }] },
          { path: "meetings", element: <FinderPage /> },
          { path: "meetings/:slug", element: <MeetingPage /> },
          { path: "meetings/:slug/room", element: <RoomPage /> },
          { path: "groups", element: <GroupsPage /> },
          { path: "groups/:id", element: <GroupPage /> },
          { path: "organisations/new", element: <NewOrganisationPage /> },
          { path: "organisations/:id", element: <OrganisationPage /> },
          { path: "my-meetings", element: <SchedulePage /> },
          { path: "safety", element: <SupportPage /> },
          { path: "safety/queue", element: <QueuePage /> },
          { path: "safety/alerts/:id", element: <AlertPage /> },
          { path: "safety/reach-outs/:id", element: <ReachOutPage /> },
          { path: "safety/services", element: <ServicesPage /> },
          { path: "safety/admin", element: <SafetyAdminPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
