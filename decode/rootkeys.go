package decode

// This file holds the root table: while parseJSON reads the members of
// the root object, it matches each key against the keys the format
// readers and markers ask for (one switch on the key), and records where
// its value is. The readers then take those values from the table rather
// than scanning the root's members. When the root repeats one of these
// keys or writes a key with escapes, the table is not used: markers keep
// the last of a repeated key and get the first, and both unescape keys,
// so those bodies take the scans as before.

// rk names a key of the root table.
type rk uint8

const (
	rkResponse rk = iota
	rkResponseMetadata
	rkAWSType
	rkRetCode
	rkKind
	rkErrors
	rkError
	rkErrorCode
	rkType
	rkTitle
	rkStatus
	rkDetail
	rkCodeUpper
	rkCode
	rkRetCodeLower
	rkOK
	rkMoreInfo
	rkDocURL
	rkMessage
	rkDetails
	rkTarget
	rkInnererror
	rkRequestIDUpper
	rkHostID
	rkRecommend
	rkMessageUpper
	rkMsg
	rkErrorDescription
	rkErrorMsg
	rkErrorMessage
	rkRequestIDSnake
	rkRequestIDCamel
	rkResponseMetadataSnake
	rkWarning
	rkData
	rkErrorMessageCamel
	rkRequestUUID
	rkReason
	rkSuccess
	rkCodeDesc
	rkMetadata
	rkDomain
	rkInstance
	rkParams
	rkTraceID
	nRK
)

// rootKey returns the table index of key, -1 when the table has none.
func rootKey(key string) int {
	switch key {
	case "Response":
		return int(rkResponse)
	case "ResponseMetadata":
		return int(rkResponseMetadata)
	case "__type":
		return int(rkAWSType)
	case "RetCode":
		return int(rkRetCode)
	case "kind":
		return int(rkKind)
	case "errors":
		return int(rkErrors)
	case "error":
		return int(rkError)
	case "error_code":
		return int(rkErrorCode)
	case "type":
		return int(rkType)
	case "title":
		return int(rkTitle)
	case "status":
		return int(rkStatus)
	case "detail":
		return int(rkDetail)
	case "Code":
		return int(rkCodeUpper)
	case "code":
		return int(rkCode)
	case "ret_code":
		return int(rkRetCodeLower)
	case "ok":
		return int(rkOK)
	case "more_info":
		return int(rkMoreInfo)
	case "documentation_url":
		return int(rkDocURL)
	case "message":
		return int(rkMessage)
	case "details":
		return int(rkDetails)
	case "target":
		return int(rkTarget)
	case "innererror":
		return int(rkInnererror)
	case "RequestId":
		return int(rkRequestIDUpper)
	case "HostId":
		return int(rkHostID)
	case "Recommend":
		return int(rkRecommend)
	case "Message":
		return int(rkMessageUpper)
	case "msg":
		return int(rkMsg)
	case "error_description":
		return int(rkErrorDescription)
	case "error_msg":
		return int(rkErrorMsg)
	case "error_message":
		return int(rkErrorMessage)
	case "request_id":
		return int(rkRequestIDSnake)
	case "requestId":
		return int(rkRequestIDCamel)
	case "response_metadata":
		return int(rkResponseMetadataSnake)
	case "warning":
		return int(rkWarning)
	case "data":
		return int(rkData)
	case "errorMessage":
		return int(rkErrorMessageCamel)
	case "RequestUUID":
		return int(rkRequestUUID)
	case "reason":
		return int(rkReason)
	case "Success":
		return int(rkSuccess)
	case "codeDesc":
		return int(rkCodeDesc)
	case "metadata":
		return int(rkMetadata)
	case "domain":
		return int(rkDomain)
	case "instance":
		return int(rkInstance)
	case "params":
		return int(rkParams)
	case "traceId":
		return int(rkTraceID)
	}
	return -1
}

// rootKeyName is the key of table index id.
func rootKeyName(id rk) string {
	switch id {
	case rkResponse:
		return "Response"
	case rkResponseMetadata:
		return "ResponseMetadata"
	case rkAWSType:
		return "__type"
	case rkRetCode:
		return "RetCode"
	case rkKind:
		return "kind"
	case rkErrors:
		return "errors"
	case rkError:
		return "error"
	case rkErrorCode:
		return "error_code"
	case rkType:
		return "type"
	case rkTitle:
		return "title"
	case rkStatus:
		return "status"
	case rkDetail:
		return "detail"
	case rkCodeUpper:
		return "Code"
	case rkCode:
		return "code"
	case rkRetCodeLower:
		return "ret_code"
	case rkOK:
		return "ok"
	case rkMoreInfo:
		return "more_info"
	case rkDocURL:
		return "documentation_url"
	case rkMessage:
		return "message"
	case rkDetails:
		return "details"
	case rkTarget:
		return "target"
	case rkInnererror:
		return "innererror"
	case rkRequestIDUpper:
		return "RequestId"
	case rkHostID:
		return "HostId"
	case rkRecommend:
		return "Recommend"
	case rkMessageUpper:
		return "Message"
	case rkMsg:
		return "msg"
	case rkErrorDescription:
		return "error_description"
	case rkErrorMsg:
		return "error_msg"
	case rkErrorMessage:
		return "error_message"
	case rkRequestIDSnake:
		return "request_id"
	case rkRequestIDCamel:
		return "requestId"
	case rkResponseMetadataSnake:
		return "response_metadata"
	case rkWarning:
		return "warning"
	case rkData:
		return "data"
	case rkErrorMessageCamel:
		return "errorMessage"
	case rkRequestUUID:
		return "RequestUUID"
	case rkReason:
		return "reason"
	case rkSuccess:
		return "Success"
	case rkCodeDesc:
		return "codeDesc"
	case rkMetadata:
		return "metadata"
	case rkDomain:
		return "domain"
	case rkInstance:
		return "instance"
	case rkParams:
		return "params"
	case rkTraceID:
		return "traceId"
	}
	return ""
}

// rootTable is the root table of a doc.
type rootTable struct {
	// obj is the tape index of the root object plus one (0: none yet):
	// the document's object, or the first element of its array.
	obj int32
	// off: a key repeats or holds escapes, the table is not used.
	off bool
	// keys counts the root's members.
	keys int32
	// at holds, per key, the tape index of its value plus one (0: absent);
	// a value past index 254 turns the table off.
	at [nRK]uint8
}

// noteRootKey records the key just pushed at tape index k (its value
// comes next) when obj is the root object.
func (d *doc) noteRootKey(obj, k int, key string, esc bool) {
	d.rt.keys++
	if esc {
		d.rt.off = true
		return
	}
	if id := rootKey(key); id >= 0 {
		if d.rt.at[id] != 0 || k+2 > 255 {
			d.rt.off = true
			return
		}
		d.rt.at[id] = uint8(k + 2)
	}
}

// table reports whether obj is the root object and its table is usable.
func (d *doc) table(obj int) bool {
	return obj >= 0 && int32(obj+1) == d.rt.obj && !d.rt.off
}

// rget is get(obj, rootKeyName(id)), from the table when obj is the root.
func (d *doc) rget(obj int, id rk) int {
	if d.table(obj) {
		return int(d.rt.at[id]) - 1
	}
	return d.get(obj, rootKeyName(id))
}

// rfirst is first(obj, names of ids…) from the table when obj is the root.
func (d *doc) rfirst(obj int, ids ...rk) int {
	if d.table(obj) {
		for _, id := range ids {
			if v := d.rt.at[id]; v != 0 {
				return int(v) - 1
			}
		}
		return -1
	}
	for _, id := range ids {
		if v := d.get(obj, rootKeyName(id)); v >= 0 {
			return v
		}
	}
	return -1
}

// rhas is has(obj, rootKeyName(id)).
func (d *doc) rhas(obj int, id rk) bool { return d.rget(obj, id) >= 0 }
