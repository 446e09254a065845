// The reader's flows and the degraded paths in WebKit, through WebDriver (./flows.mjs).
import { engineFlows } from "./flows.mjs";

engineFlows("webkit");
