export { ConductPage } from "./ConductPage.tsx";
export { MediationPage, MediationThreadPage } from "./MediationPages.tsx";
export { MemberSafetyPage } from "./MemberSafetyPage.tsx";
export { AuditPage, ModerationPage } from "./ModerationPage.tsx";
export { SafetyPage } from "./SafetyPage.tsx";
