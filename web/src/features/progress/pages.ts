// The progress pages, loaded together the first time someone opens one (the charts load on their own).
export { CheckinPage } from "./CheckinPage.tsx";
export { GoalsPage } from "./GoalsPage.tsx";
export { JourneysPage } from "./JourneysPage.tsx";
export { PartnersPage } from "./PartnersPage.tsx";
export { PartnerViewPage } from "./PartnerViewPage.tsx";
export { PlanPage } from "./PlanPage.tsx";
export { ProgressLayout } from "./ProgressLayout.tsx";
export { StrugglingPage } from "./StrugglingPage.tsx";
