// Reads every shared test vector with the generated TypeScript packages
// (compiled, PACKAGES/NAME/index.js) and requires every field back.
// Environment: VECTORS (the vectors directory), PACKAGES (the packages).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const vectorsDir = process.env.VECTORS;
const packagesDir = process.env.PACKAGES;

function npmName(id) {
  return id.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join("-") + "-errors";
}

for (const file of readdirSync(vectorsDir).filter((f) => f.endsWith(".json")).sort()) {
  const domain = file.slice(0, -".json".length);
  test(domain, async () => {
    const pkg = await import(pathToFileURL(join(packagesDir, npmName(domain), "index.js")).href);
    const vectors = JSON.parse(readFileSync(join(vectorsDir, file), "utf8"));
    assert.ok(vectors.length > 0);
    for (const [i, v] of vectors.entries()) {
      const where = `${file}[${i}] ${v.format} ${v.locale}`;
      const e = pkg.fromResponse(v.response.status, v.response.headers, v.response.body, v.format);
      if (v.want === null) {
        assert.equal(e, null, where);
        continue;
      }
      assert.ok(e instanceof Error, where);
      const w = v.want;
      assert.deepEqual(
        {
          known: pkg.isKnown(e),
          name: w.known ? e.constructor.name : "",
          domain: e.domain,
          code: e.code,
          http_status: e.httpStatus,
          category: e.category,
          retryable: e.retryable,
          message: e.message,
          params: { ...e.params },
          request_id: e.requestId,
        },
        { ...w, domain, name: w.known ? w.name : "" },
        where,
      );
    }
  });
}
