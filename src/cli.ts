#!/usr/bin/env node
import { z } from "zod";
import { RESULTS_SCHEMA_ID } from "./core/results.js";

console.log(RESULTS_SCHEMA_ID, typeof z);
