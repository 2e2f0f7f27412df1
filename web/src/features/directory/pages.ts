// The directory's pages, loaded together the first time someone opens one of them.
import "./directory.css";

export { FinderPage } from "./FinderPage.tsx";
export { GroupPage } from "./GroupPage.tsx";
export { GroupsPage } from "./GroupsPage.tsx";
export { MeetingPage } from "./MeetingPage.tsx";
export { NewOrganisationPage } from "./NewOrganisationPage.tsx";
export { OrganisationPage } from "./OrganisationPage.tsx";
export { SchedulePage } from "./SchedulePage.tsx";
