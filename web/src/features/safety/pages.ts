// The safety pages, loaded together the first time someone opens one.
export { AlertPage } from "./AlertPage.tsx";
export { QueuePage } from "./QueuePage.tsx";
export { ReachOutPage } from "./ReachOutPage.tsx";
export { SafetyAdminPage } from "./SafetyAdminPage.tsx";
export { ServicesPage } from "./ServicesPage.tsx";
export { SupportPage } from "./SupportPage.tsx";
