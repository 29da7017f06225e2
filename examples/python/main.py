"""Decodes an Alibaba Cloud PolarDB error response into its typed exception
and branches on it. The package is generated from the catalog:

    errcat gen python --domain aliyun.polardb -o .
"""

import json

from aliyunpolardb import AliyunPolardbError, InvalidArgument, MissingParameter, NotFound, from_response

BODY = json.dumps(
    {
        "RequestId": "5E7A1C3B-9F2D-4C1A-8E6B-2D4F0A9C7B31",
        "Code": "MissingParameter",
        "Message": 'The input parameter "DBClusterId" that is mandatory for processing this request is not supplied.',
    }
).encode()


def advice(e: AliyunPolardbError) -> str:
    match e:
        case MissingParameter():
            return f"add the parameter {e.params['parameter_name']} and send again"
        case NotFound():
            return "check the cluster id"
        case InvalidArgument():
            return "fix the request"
        case _:
            return "retry later" if e.retryable else "give up"


def main() -> None:
    for status, body in ((400, BODY), (200, b'{"RequestId":"5E7A1C3B","Items":[]}')):
        e = from_response(status, {"Content-Type": "application/json", "Content-Language": "en"}, body)
        if e is None:
            print(f"{status}: success")
            continue
        print(f"{status}: {type(e).__name__} ({e.category}, HTTP {e.http_status}, request {e.request_id}): {advice(e)}")
        print(f"  not found? {'yes' if isinstance(e, NotFound) else 'no'}")


if __name__ == "__main__":
    main()
