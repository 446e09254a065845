// The reader's flows and the degraded paths in Firefox, through WebDriver (./flows.mjs).
import { engineFlows } from "./flows.mjs";

engineFlows("firefox");
