// `npm run bench`: every benchmark, each printed as a table with its target or baseline.

import { benchParse } from "./parse.js";

benchParse();
