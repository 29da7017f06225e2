"""Reads every shared test vector with the generated Python packages and
requires every field back. Environment: VECTORS (the vectors directory);
the packages are on sys.path."""

import importlib
import json
import os
import re
import unittest


class VectorsTest(unittest.TestCase):
    def test_vectors(self) -> None:
        d = os.environ["VECTORS"]
        files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
        self.assertTrue(files)
        for f in files:
            domain = f[: -len(".json")]
            pkg = importlib.import_module(re.sub("[^a-z0-9]", "", domain.lower()))
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                vectors = json.load(fh)
            for i, v in enumerate(vectors):
                where = f"{f}[{i}] {v['format']} {v['locale']}"
                r = v["response"]
                e = pkg.from_response(r["status"], r["headers"], r["body"].encode("utf-8"), v["format"])
                w = v["want"]
                if w is None:
                    self.assertIsNone(e, where)
                    continue
                self.assertIsInstance(e, Exception, where)
                got = {
                    "known": type(e).__name__ != pkg.__all__[3],
                    "name": type(e).__name__ if w["known"] else "",
                    "domain": e.domain,
                    "code": e.code,
                    "http_status": e.http_status,
                    "category": e.category,
                    "retryable": e.retryable,
                    "message": e.message,
                    "params": dict(e.params),
                    "request_id": e.request_id,
                }
                want = dict(w, domain=domain, name=w["name"] if w["known"] else "")
                self.assertEqual(got, want, where)
                self.assertEqual(str(e), w["message"], where)


if __name__ == "__main__":
    unittest.main()
