// Browser entry: translations in the remembered language (Vietnamese by default), services, and the app
// rendered into #app.
import { render } from "preact";
import { App } from "./app.tsx";
import { createI18n, storedLanguage } from "./i18n/index.ts";
import { createServices } from "./services.ts";
import "./styles.css";

/** window.localStorage / sessionStorage, or undefined where the browser refuses them (privacy settings). */
function storage(kind: "localStorage" | "sessionStorage"): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

const i18n = createI18n(storedLanguage(storage("localStorage")));
document.documentElement.lang = i18n.language;
const services = createServices({ i18n, storage: storage("sessionStorage") });
const root = document.getElementById("app");
if (root) render(<App services={services} />, root);
