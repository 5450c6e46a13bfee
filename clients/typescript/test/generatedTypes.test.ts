import { readFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";

const OPENAPI = new URL("../../../server/src/main/resources/openapi.json", import.meta.url);
const GENERATED = new URL("../src/generated/api.ts", import.meta.url);

describe("src/generated/api.ts", () => {
  it("is what openapi-typescript makes of the master's openapi.json today (else: npm run generate)", async () => {
    // the same options as the "generate" script in package.json
    const ast = await openapiTS(OPENAPI, { emptyObjectsUnknown: true, defaultNonNullable: false });
    const fresh = astToString(ast);
    const committed = readFileSync(GENERATED, "utf8");
    expect(strip(committed)).toBe(strip(fresh));
  });
});

/** Without the CLI's banner comment and trailing whitespace, which the API output does not carry. */
function strip(source: string): string {
  return source.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "").trim();
}
