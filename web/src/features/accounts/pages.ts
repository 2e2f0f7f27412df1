// The accounts pages, loaded together the first time someone opens one of them.
export { AccountLayout } from "./AccountLayout.tsx";
export { LoginPage, SignupPage } from "./AuthPages.tsx";
export { MemberPage } from "./MemberPage.tsx";
export { PrivacyPage } from "./PrivacyPage.tsx";
export { ProfilePage } from "./ProfilePage.tsx";
export { SecurityPage } from "./SecurityPage.tsx";
