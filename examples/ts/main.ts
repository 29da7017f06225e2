// Decodes an Alibaba Cloud PolarDB error response into its typed error and
// branches on it. The package is generated from the catalog:
//
//	errcat gen ts --domain aliyun.polardb -o aliyun-polardb-errors
import { fromResponse, isKnown, NotFound, type KnownError } from "./aliyun-polardb-errors/index.js";

// The one Node API the example uses (it needs no @types/node).
declare const console: { log(...args: unknown[]): void };

const body = JSON.stringify({
  RequestId: "5E7A1C3B-9F2D-4C1A-8E6B-2D4F0A9C7B31",
  Code: "MissingParameter",
  Message: 'The input parameter "DBClusterId" that is mandatory for processing this request is not supplied.',
});

function advice(e: KnownError): string {
  switch (e.code) {
    case "MissingParameter":
      return `add the parameter ${e.params["parameter_name"]} and send again`;
    case "InvalidDBClusterId.NotFound":
      return "check the cluster id";
    default:
      return e.retryable ? "retry later" : "give up";
  }
}

for (const [status, text] of [[400, body], [200, '{"RequestId":"5E7A1C3B","Items":[]}']] as const) {
  const e = fromResponse(status, { "Content-Type": "application/json", "Content-Language": "en" }, text);
  if (e === null) {
    console.log(`${status}: success`);
  } else if (isKnown(e)) {
    console.log(`${status}: ${e.constructor.name} (${e.category}, HTTP ${e.httpStatus}, request ${e.requestId}): ${advice(e)}`);
    console.log(`  not found? ${e instanceof NotFound ? "yes" : "no"}`);
  } else {
    console.log(`${status}: unlisted code ${e.code}: ${e.message}`);
  }
}
