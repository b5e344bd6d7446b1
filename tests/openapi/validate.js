// Validates the OpenAPI document against the OpenAPI 3 schema and its own rules with a
// standard validator (@apidevtools/swagger-parser): references resolve, parameters are not
// duplicated, every operation is well formed. Exit 0 when valid; 1 and the validator's
// message otherwise.
//   node tests/openapi/validate.js build/test/openapi.json   (written by openapi_dump at build time)
"use strict";
const SwaggerParser = require("@apidevtools/swagger-parser");

const file = process.argv[2];
SwaggerParser.validate(file)
  .then((api) => {
    const operations = Object.values(api.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    console.log(`${file}: valid OpenAPI ${api.openapi}, ${operations} operations`);
  })
  .catch((err) => {
    console.error(`${file}: ${err.message}`);
    process.exit(1);
  });
