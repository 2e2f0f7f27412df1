// The room pages, loaded the first time someone opens a room.
import "./rooms.css";

export { RoomPage } from "./RoomPage.tsx";
