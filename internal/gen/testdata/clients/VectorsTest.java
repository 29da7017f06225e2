// Reads every shared test vector with the generated Java packages and
// requires every field back. Arguments: the vectors directory, then
// DOMAIN=CLASS pairs naming each domain's base exception class.
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class VectorsTest {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int failures = 0, checked = 0;
        for (int a = 1; a < args.length; a++) {
            String domain = args[a].substring(0, args[a].indexOf('='));
            Class<?> base = Class.forName(args[a].substring(args[a].indexOf('=') + 1));
            Method from = base.getMethod("fromResponse", int.class, Map.class, String.class, String.class);
            String text = Files.readString(dir.resolve(domain + ".json"), StandardCharsets.UTF_8);
            List<?> vectors = (List<?>) new Json(text).document();
            for (int i = 0; i < vectors.size(); i++) {
                Map<?, ?> v = (Map<?, ?>) vectors.get(i);
                Map<?, ?> r = (Map<?, ?>) v.get("response");
                Map<String, List<String>> headers = new TreeMap<>();
                for (Map.Entry<?, ?> h : ((Map<?, ?>) r.get("headers")).entrySet()) {
                    headers.put((String) h.getKey(), List.of((String) h.getValue()));
                }
                String where = domain + ".json[" + i + "] " + v.get("format") + " " + v.get("locale");
                Object e = from.invoke(null, ((BigDecimal) r.get("status")).intValue(), headers, (String) r.get("body"), (String) v.get("format"));
                Map<?, ?> w = (Map<?, ?>) v.get("want");
                checked++;
                String got, want;
                if (w == null) {
                    got = String.valueOf(e);
                    want = "null";
                } else {
                    RuntimeException x = (RuntimeException) e;
                    boolean known = Boolean.TRUE.equals(w.get("known"));
                    got = describe(x == null ? null : x.getClass() != base, x == null ? "" : known ? x.getClass().getSimpleName() : "",
                            call(x, "getDomain"), call(x, "getCode"), call(x, "getHttpStatus"), call(x, "getCategory"),
                            call(x, "isRetryable"), x == null ? null : x.getMessage(), new TreeMap<>((Map<?, ?>) call(x, "getParams")), call(x, "getRequestId"));
                    want = describe(known, known ? w.get("name") : "", domain, w.get("code"), ((BigDecimal) w.get("http_status")).intValue(),
                            w.get("category"), w.get("retryable"), w.get("message"), new TreeMap<>((Map<?, ?>) w.get("params")), w.get("request_id"));
                }
                if (!got.equals(want)) {
                    failures++;
                    if (failures <= 10) {
                        System.out.println(where + ":\n  got  " + got + "\n  want " + want);
                    }
                }
            }
        }
        System.out.println(checked + " vectors, " + failures + " failures");
        if (failures > 0 || checked == 0) {
            System.exit(1);
        }
    }

    private static Object call(Object o, String method) throws Exception {
        return o == null ? null : o.getClass().getMethod(method).invoke(o);
    }

    private static String describe(Object... fields) {
        return java.util.Arrays.deepToString(fields);
    }

    /** A JSON reader: objects as maps, arrays as lists, numbers as BigDecimal. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing data");
            }
            return v;
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (i < s.length() && s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        space();
                        String k = string();
                        space();
                        expect(':');
                        m.put(k, value());
                        space();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (i < s.length() && s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        space();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect(']');
                        return l;
                    }
                }
                case '"':
                    return string();
                case 't':
                    word("true");
                    return Boolean.TRUE;
                case 'f':
                    word("false");
                    return Boolean.FALSE;
                case 'n':
                    word("null");
                    return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    try {
                        return new BigDecimal(s.substring(start, i));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad number at " + start);
                    }
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("want " + c + " at " + i);
            }
            i++;
        }

        private void word(String w) {
            if (!s.startsWith(w, i)) {
                throw new IllegalArgumentException("bad literal at " + i);
            }
            i += w.length();
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        i += 4;
                        break;
                    default: b.append(e);
                }
            }
        }
    }
}
