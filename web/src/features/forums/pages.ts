// The community pages, loaded together the first time someone opens one.
export { BoardPage } from "./BoardPage.tsx";
export { BoardsPage } from "./BoardsPage.tsx";
export { FiltersPage } from "./FiltersPage.tsx";
export { ForumsLayout } from "./ForumsLayout.tsx";
export { MentionsPage } from "./MentionsPage.tsx";
export { SearchPage } from "./SearchPage.tsx";
export { ThreadPage } from "./ThreadPage.tsx";
