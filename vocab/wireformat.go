package vocab

// The names of the wire formats errcat writes.
const (
	// FormatProblem is RFC 9457 problem details.
	FormatProblem = "problem"
	// FormatGoogle is Google's AIP-193 error (google.rpc.Status as JSON).
	FormatGoogle = "google"
	// FormatTencent is Tencent Cloud API 3.0.
	FormatTencent = "tencent"
	// FormatTencentV2 is Tencent Cloud's legacy API.
	FormatTencentV2 = "tencent-v2"
	// FormatAliyun is Alibaba Cloud's JSON.
	FormatAliyun = "aliyun"
	// FormatAliyunXML is Alibaba Cloud's XML.
	FormatAliyunXML = "aliyun-xml"
	// FormatHuawei is Huawei Cloud.
	FormatHuawei = "huawei"
	// FormatZilliz is Zilliz Cloud / Milvus REST v2.
	FormatZilliz = "zilliz"
	// FormatUCloud is UCloud.
	FormatUCloud = "ucloud"
	// FormatVolcengine is Volcengine (ByteDance cloud) OpenAPI.
	FormatVolcengine = "volcengine"
	// FormatBaidu is Baidu AI Cloud (BCE).
	FormatBaidu = "baidu"
)

// StatusPolicy is how a wire format chooses the HTTP status of an error.
type StatusPolicy uint8

// The status policies.
const (
	// StatusOfEntry: the entry's status, else its category's, else 500
	// (errcat.Def.Status).
	StatusOfEntry StatusPolicy = iota + 1
	// StatusDocumentedElse200: the entry's status when the catalog
	// documents one, else 200.
	StatusDocumentedElse200
	// Status200: always 200; the error lives only in the body.
	Status200
)

// WireFormat describes one wire format errcat writes. The package wire
// holds each format's writer; everything else needs only these facts.
type WireFormat struct {
	// Name is the format's name, as catalogs declare it (domain.wire_format).
	Name string
	// Provider is the provider family whose APIs answer in the format, as
	// the decoder reports it ("tencentcloud"); "" for a standard format.
	Provider string
	// ContentType is the Content-Type of the format's bodies.
	ContentType string
	// Status says how the HTTP status is chosen.
	Status StatusPolicy
	// IntegerCodes says that the body carries the code as a JSON integer,
	// so the domain's codes must be integers.
	IntegerCodes bool
	// Action says that the body carries the API action of the request
	// (wire.Options.Action).
	Action bool
	// RequestIDHeader says that the provider sends the request id in the
	// X-Request-Id header rather than in the body.
	RequestIDHeader bool
}

// wireFormats is the one list of the wire formats, in the order tools
// show them.
var wireFormats = [...]WireFormat{
	{Name: FormatProblem, ContentType: "application/problem+json", Status: StatusOfEntry},
	{Name: FormatGoogle, Provider: "google", ContentType: "application/json", Status: StatusOfEntry},
	{Name: FormatTencent, Provider: "tencentcloud", ContentType: "application/json", Status: StatusDocumentedElse200},
	{Name: FormatTencentV2, Provider: "tencentcloud", ContentType: "application/json", Status: Status200, IntegerCodes: true},
	{Name: FormatAliyun, Provider: "aliyun", ContentType: "application/json", Status: StatusOfEntry},
	{Name: FormatAliyunXML, Provider: "aliyun", ContentType: "application/xml; charset=utf-8", Status: StatusOfEntry},
	{Name: FormatHuawei, Provider: "huaweicloud", ContentType: "application/json", Status: StatusOfEntry, RequestIDHeader: true},
	{Name: FormatZilliz, Provider: "zilliz", ContentType: "application/json", Status: Status200, IntegerCodes: true},
	{Name: FormatUCloud, Provider: "ucloud", ContentType: "application/json", Status: Status200, IntegerCodes: true, Action: true},
	{Name: FormatVolcengine, Provider: "volcengine", ContentType: "application/json", Status: StatusOfEntry, Action: true},
	{Name: FormatBaidu, Provider: "baiducloud", ContentType: "application/json", Status: StatusOfEntry},
}

// WireFormats returns the descriptors of the wire formats, in order.
func WireFormats() []WireFormat {
	out := make([]WireFormat, len(wireFormats))
	copy(out, wireFormats[:])
	return out
}

// WireFormatNames returns the names of the wire formats, in order.
func WireFormatNames() []string {
	out := make([]string, len(wireFormats))
	for i := range wireFormats {
		out[i] = wireFormats[i].Name
	}
	return out
}

// LookupWireFormat returns the wire format called name.
func LookupWireFormat(name string) (WireFormat, bool) {
	if i := wireFormatIndex(name); i >= 0 {
		return wireFormats[i], true
	}
	return WireFormat{}, false
}

// WireFormatProvider returns the provider of the wire format called name
// (WireFormat.Provider): LookupWireFormat for a caller that needs only the
// provider, on every decoded body, without copying the descriptor.
func WireFormatProvider(name string) (provider string, ok bool) {
	if i := wireFormatIndex(name); i >= 0 {
		return wireFormats[i].Provider, true
	}
	return "", false
}

// wireSlots is a small open-addressing hash table over wireFormats, built
// once from the list: a slot holds an index into wireFormats plus one, 0
// when empty. The decoder looks a format up for every body it reads; the
// table makes that a hash and, most of the time, one comparison.
var wireSlots = func() (t [numWireSlots]uint8) {
	for i := range wireFormats {
		h := wireHash(wireFormats[i].Name)
		for t[h] != 0 {
			h = (h + 1) % numWireSlots
		}
		t[h] = uint8(i + 1)
	}
	return t
}()

const numWireSlots = 64

func wireHash(name string) uint {
	if name == "" {
		return 0
	}
	return (uint(len(name))*31 + uint(name[0])*7 + uint(name[len(name)-1])) % numWireSlots
}

// wireFormatIndex returns the position of the format called name in
// wireFormats, or -1.
func wireFormatIndex(name string) int {
	for h := wireHash(name); wireSlots[h] != 0; h = (h + 1) % numWireSlots {
		if i := int(wireSlots[h]) - 1; wireFormats[i].Name == name {
			return i
		}
	}
	return -1
}
