package benchmarks

import (
	"encoding/json"
	"testing"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"

	"github.com/errcat/errcat/decode"
)

// The peers of the decoder that are told the shape in advance: each body
// of decodeBodies decoded into a struct of its format's shape by
// encoding/json, goccy/go-json and sonic. They only decode: no format
// detection, no retry verdict, no request id from the headers, which
// decode.Decode does as well.

type problemShape struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	Instance  string            `json:"instance"`
	Code      string            `json:"code"`
	Domain    string            `json:"domain"`
	RequestID string            `json:"request_id"`
	Params    map[string]string `json:"params"`
}

type googleShape struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Details []struct {
			Type     string            `json:"@type"`
			Reason   string            `json:"reason"`
			Domain   string            `json:"domain"`
			Metadata map[string]string `json:"metadata"`
		} `json:"details"`
	} `json:"error"`
}

type tencentShape struct {
	Response struct {
		Error struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		} `json:"Error"`
		RequestID string `json:"RequestId"`
	} `json:"Response"`
}

type tencentV2Shape struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	CodeDesc string `json:"codeDesc"`
}

type aliyunShape struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

type huaweiShape struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

type zillizShape struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type ucloudShape struct {
	Action  string `json:"Action"`
	RetCode int    `json:"RetCode"`
	Message string `json:"Message"`
}

type awsShape struct {
	Type    string `json:"__type"`
	Message string `json:"message"`
}

type azureShape struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Target  string `json:"target"`
		Details []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"details"`
		InnerError struct {
			Code string `json:"code"`
		} `json:"innererror"`
	} `json:"error"`
}

type kubernetesShape struct {
	Kind       string   `json:"kind"`
	APIVersion string   `json:"apiVersion"`
	Metadata   struct{} `json:"metadata"`
	Status     string   `json:"status"`
	Message    string   `json:"message"`
	Reason     string   `json:"reason"`
	Details    struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"details"`
	Code int `json:"code"`
}

// shapeDecoders are, per format, the three libraries decoding into its
// shape.
type shapeDecoder struct {
	std, goccy, sonic func([]byte) error
}

func shapeOf[T any]() shapeDecoder {
	return shapeDecoder{
		std:   func(b []byte) error { var v T; return json.Unmarshal(b, &v) },
		goccy: func(b []byte) error { var v T; return gojson.Unmarshal(b, &v) },
		sonic: func(b []byte) error { var v T; return sonic.Unmarshal(b, &v) },
	}
}

var shapes = map[string]shapeDecoder{
	"problem":    shapeOf[problemShape](),
	"google":     shapeOf[googleShape](),
	"tencent":    shapeOf[tencentShape](),
	"tencent-v2": shapeOf[tencentV2Shape](),
	"aliyun":     shapeOf[aliyunShape](),
	"huawei":     shapeOf[huaweiShape](),
	"zilliz":     shapeOf[zillizShape](),
	"ucloud":     shapeOf[ucloudShape](),
	"aws-json":   shapeOf[awsShape](),
	"azure":      shapeOf[azureShape](),
	"kubernetes": shapeOf[kubernetesShape](),
}

// BenchmarkDecodeShape runs, per format, decode.Decode (which also finds
// the format and the retry verdict) beside the three libraries told the
// shape.
func BenchmarkDecodeShape(b *testing.B) {
	for _, tc := range decodeBodies {
		sd, ok := shapes[tc.format]
		if !ok {
			continue
		}
		body := []byte(tc.body)
		impls := []struct {
			name string
			fn   func([]byte) error
		}{
			{"errcat", func(b []byte) error { _, err := decode.Decode(tc.status, decodeHeader, b); return err }},
			{"encoding-json", sd.std},
			{"goccy", sd.goccy},
			{"sonic", sd.sonic},
		}
		for _, im := range impls {
			b.Run("format="+tc.format+"/impl="+im.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := im.fn(body); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestShapesDecode checks every peer reads every body into its shape.
func TestShapesDecode(t *testing.T) {
	for _, tc := range decodeBodies {
		sd, ok := shapes[tc.format]
		if !ok {
			t.Errorf("no shape for %s", tc.format)
			continue
		}
		for name, fn := range map[string]func([]byte) error{"encoding/json": sd.std, "goccy": sd.goccy, "sonic": sd.sonic} {
			if err := fn([]byte(tc.body)); err != nil {
				t.Errorf("%s %s: %v", tc.format, name, err)
			}
		}
	}
}
