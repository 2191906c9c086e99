// `npm run bench`: every benchmark, each printed as a table with its target or baseline.

import { benchCommand } from "./command.js";
import { benchDecide } from "./decide.js";
import { benchParse } from "./parse.js";

benchParse();
benchCommand();
benchDecide();
