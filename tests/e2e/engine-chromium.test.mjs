// The reader's flows and the degraded paths in Chromium, through WebDriver (./flows.mjs).
import { engineFlows } from "./flows.mjs";

engineFlows("chromium");
