// Decodes an Alibaba Cloud PolarDB error response into its typed exception
// and branches on it. The package is generated from the catalog:
//
//	errcat gen java --domain aliyun.polardb -o .
import aliyunpolardb.AliyunPolardbException;
import aliyunpolardb.InvalidArgument;
import aliyunpolardb.MissingParameter;
import aliyunpolardb.NotFound;
import java.util.List;
import java.util.Map;

public final class Main {
    static final String BODY = "{\"RequestId\":\"5E7A1C3B-9F2D-4C1A-8E6B-2D4F0A9C7B31\",\"Code\":\"MissingParameter\","
            + "\"Message\":\"The input parameter \\\"DBClusterId\\\" that is mandatory for processing this request is not supplied.\"}";

    static String advice(AliyunPolardbException e) {
        if (e instanceof MissingParameter m) {
            return "add the parameter " + m.getParams().get("parameter_name") + " and send again";
        } else if (e instanceof NotFound) {
            return "check the cluster id";
        } else if (e instanceof InvalidArgument) {
            return "fix the request";
        }
        return e.isRetryable() ? "retry later" : "give up";
    }

    public static void main(String[] args) {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"), "Content-Language", List.of("en"));
        Object[][] responses = {{400, BODY}, {200, "{\"RequestId\":\"5E7A1C3B\",\"Items\":[]}"}};
        for (Object[] r : responses) {
            int status = (Integer) r[0];
            AliyunPolardbException e = AliyunPolardbException.fromResponse(status, headers, (String) r[1]);
            if (e == null) {
                System.out.println(status + ": success");
                continue;
            }
            System.out.println(status + ": " + e.getClass().getSimpleName() + " (" + e.getCategory() + ", HTTP " + e.getHttpStatus()
                    + ", request " + e.getRequestId() + "): " + advice(e));
            System.out.println("  not found? " + (e instanceof NotFound ? "yes" : "no"));
        }
    }
}
