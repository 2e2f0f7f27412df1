import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { setupI18n } from "./app/i18n.ts";
import { registerServiceWorker } from "./app/service-worker.ts";
import "./ui/theme.css";
import "./ui/components.css";
import "./app/shell.css";

const render = () => {
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
};

// Words first, then the page, so no one sees a flash of the wrong language.
setupI18n().finally(render);
registerServiceWorker();
