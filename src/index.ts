import { main } from "./action/main.js";

void main();
