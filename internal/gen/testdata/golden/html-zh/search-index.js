// The search index of the error code site.
window.errcatIndex = [
 {
  "code": "CSS.0001",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "参数错误。",
  "text": "The parameter is incorrect.\n参数错误。\nCheck the parameter settings according to the returned information.\n请根据返回信息检查参数设置。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0001"
 },
 {
  "code": "CSS.0005",
  "domain": "huaweicloud.css",
  "status": 500,
  "message": "服务器错误。",
  "text": "Server error.\n服务器错误。\nContact technical support.\n请联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0005"
 },
 {
  "code": "CSS.0006",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "请求体为空，请输入请求参数。",
  "text": "The request body is empty. Enter a request parameter.\n请求体为空，请输入请求参数。\nEnter the request parameters.\n请输入请求参数。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0006"
 },
 {
  "code": "CSS.0011",
  "domain": "huaweicloud.css",
  "status": 202,
  "message": "实例上正在执行其他操作或实例故障，无法执行该操作，请稍后重试。",
  "text": "This operation cannot be performed because another operation is being performed on the instance or the instance is faulty. Please try again later.\n实例上正在执行其他操作或实例故障，无法执行该操作，请稍后重试。\nTry again later.\n请稍后重试。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0011"
 },
 {
  "code": "CSS.0015",
  "domain": "huaweicloud.css",
  "status": 403,
  "message": "资源不存在或无权限访问。",
  "text": "Resource not found or permission denied.\n资源不存在或无权限访问。\nChange the resource ID or check the access permission.\n请更换资源 ID 或检查访问权限。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0015"
 },
 {
  "code": "CSS.0022",
  "domain": "huaweicloud.css",
  "status": 404,
  "message": "实例不存在或已被删除。",
  "text": "The instance does not exist or has been deleted.\n实例不存在或已被删除。\nChange the instance ID.\n请更换实例 ID。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0022"
 },
 {
  "code": "CSS.0032",
  "domain": "huaweicloud.css",
  "status": 403,
  "message": "当前用户无操作权限。",
  "text": "The current user has no operation permissions.\n当前用户无操作权限。\nCheck the permissions.\n请检查权限。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0032"
 },
 {
  "code": "CSS.0045",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Token 不正确。",
  "text": "The token is incorrect.\nToken 不正确。\nObtain the token again.\n请重新获取 Token。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.0045"
 },
 {
  "code": "CSS.1112",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "实例数量已达到配额上限。",
  "text": "The number of instances has reached the quota.\n实例数量已达到配额上限。\nDelete some clusters or increase the quota.\n请删除部分集群或提升配额。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.1112"
 },
 {
  "code": "CSS.3011",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "备份的保留时长无效。",
  "text": "Invalid retention duration of the backup.\n备份的保留时长无效。\nChange the allowed retention duration.\n请修改为允许的保留时长。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.3011"
 },
 {
  "code": "CSS.3027",
  "domain": "huaweicloud.css",
  "status": 404,
  "message": "集群不存在。",
  "text": "The cluster does not exist.\n集群不存在。\nCheck whether the cluster ID is correct.\n请检查集群 ID 是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.3027"
 },
 {
  "code": "CSS.5007",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "所选规格不存在。",
  "text": "The selected flavor does not exist.\n所选规格不存在。\nCheck whether the specifications are correct.\n请检查规格是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5007"
 },
 {
  "code": "CSS.5009",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "硬盘容量超出有效范围。",
  "text": "The hard disk size is beyond the valid range.\n硬盘容量超出有效范围。\nChange the disk size.\n请修改磁盘容量。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5009"
 },
 {
  "code": "CSS.5014",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "VPC ID 无效。",
  "text": "Invalid VPC ID.\nVPC ID 无效。\nCheck whether the VPC ID is correct.\n请检查 VPC ID 是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5014"
 },
 {
  "code": "CSS.5015",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "子网 ID 无效。",
  "text": "Invalid subnet ID.\n子网 ID 无效。\nCheck whether the subnet ID is correct.\n请检查子网 ID 是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5015"
 },
 {
  "code": "CSS.5021",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "VPC 不存在或不属于该用户。",
  "text": "The VPC does not exist or does not belong to the user.\nVPC 不存在或不属于该用户。\nCheck whether the VPC is correct.\n请检查 VPC 是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5021"
 },
 {
  "code": "CSS.5023",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "安全组不存在或不属于该 VPC。",
  "text": "The security group does not exist or does not belong to the VPC.\n安全组不存在或不属于该 VPC。\nCheck whether the security group is correct.\n请检查安全组是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5023"
 },
 {
  "code": "CSS.5157",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "网段不存在或无效。",
  "text": "The CIDR does not exist or is invalid.\n网段不存在或无效。\nCheck whether there are subnets in the VPC.\n请检查该 VPC 下是否有子网。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5157"
 },
 {
  "code": "CSS.5036",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "引擎不存在。",
  "text": "The engine does not exist.\n引擎不存在。\nCheck whether the datastore parameter setting is correct.\n请检查 datastore 参数设置是否正确。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5036"
 },
 {
  "code": "CSS.5047",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "实例数量超出有效范围。",
  "text": "The number of instances is beyond the valid range.\n实例数量超出有效范围。\nCheck whether the number of instances is within the range.\n请检查实例数量是否在允许范围内。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5047"
 },
 {
  "code": "CSS.5050",
  "domain": "huaweicloud.css",
  "status": 409,
  "message": "集群名称已存在。",
  "text": "The cluster name already exists.\n集群名称已存在。\nChange the cluster name.\n请修改集群名称。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5050"
 },
 {
  "code": "CSS.5052",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "可用区（AZ）取值无效。",
  "text": "Invalid value of the AZ.\n可用区（AZ）取值无效。\nChange the AZ.\n请更换可用区。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5052"
 },
 {
  "code": "CSS.5055",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "规格无效。",
  "text": "Invalid flavor.\n规格无效。\nModify the specifications.\n请修改规格。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5055"
 },
 {
  "code": "CSS.5061",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "硬盘类型无效。",
  "text": "The hard disk type is invalid.\n硬盘类型无效。\nChange the hard disk type.\n请更换硬盘类型。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5061"
 },
 {
  "code": "CSS.5071",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "磁盘类型与 XML 配置文件中的不一致。",
  "text": "The disk type does not match that in the XML configuration file.\n磁盘类型与 XML 配置文件中的不一致。\nChange the hard disk type.\n请更换硬盘类型。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5071"
 },
 {
  "code": "CSS.5072",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "安全组 ID 无效。",
  "text": "The security group ID is invalid.\n安全组 ID 无效。\nChange the security group ID.\n请更换安全组 ID。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5072"
 },
 {
  "code": "CSS.5074",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "子网不属于该 VPC。",
  "text": "The subnet does not belong to the VPC.\n子网不属于该 VPC。\nChange the subnet ID.\n请更换子网 ID。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5074"
 },
 {
  "code": "CSS.5077",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "集群名称无效。",
  "text": "Invalid cluster name.\n集群名称无效。\nChange the cluster name.\n请修改集群名称。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5077"
 },
 {
  "code": "CSS.5078",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "硬盘容量超出有效范围。",
  "text": "The hard disk size is beyond the valid range.\n硬盘容量超出有效范围。\nChange the disk size.\n请修改磁盘容量。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5078"
 },
 {
  "code": "CSS.5092",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "硬盘信息无效。",
  "text": "Invalid hard disk information.\n硬盘信息无效。\nModify the hard disk information.\n请修改硬盘信息。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5092"
 },
 {
  "code": "CSS.5093",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "规格信息无效。",
  "text": "Invalid specification information.\n规格信息无效。\nModify the specification information.\n请修改规格信息。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5093"
 },
 {
  "code": "CSS.5130",
  "domain": "huaweicloud.css",
  "status": 412,
  "message": "委托名称无效。",
  "text": "The agency name is invalid.\n委托名称无效。\nChange the agency name.\n请修改委托名称。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.5130"
 },
 {
  "code": "CSS.9999",
  "domain": "huaweicloud.css",
  "status": 500,
  "message": "请求处理失败。",
  "text": "Request processing failed.\n请求处理失败。\nContact technical support.\n请联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.9999"
 },
 {
  "code": "CSS.6000",
  "domain": "huaweicloud.css",
  "message": "集群创建失败。",
  "text": "Clusters fail to be created.\n集群创建失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6000"
 },
 {
  "code": "CSS.6001",
  "domain": "huaweicloud.css",
  "message": "集群扩容失败。",
  "text": "Cluster scale-out fails.\n集群扩容失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6001"
 },
 {
  "code": "CSS.6002",
  "domain": "huaweicloud.css",
  "message": "集群绑定弹性公网 IP 失败。",
  "text": "Failed to bind the elastic IP address to the cluster.\n集群绑定弹性公网 IP 失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6002"
 },
 {
  "code": "CSS.6003",
  "domain": "huaweicloud.css",
  "message": "集群恢复失败。",
  "text": "Failed to restore the cluster.\n集群恢复失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6003"
 },
 {
  "code": "CSS.6004",
  "domain": "huaweicloud.css",
  "message": "节点创建失败。",
  "text": "Failed to create a node.\n节点创建失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6004"
 },
 {
  "code": "CSS.6005",
  "domain": "huaweicloud.css",
  "message": "初始化失败。",
  "text": "The initialization fails.\n初始化失败。\nPerform the initialization again or contact technical support.\n请重新初始化或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6005"
 },
 {
  "code": "CSS.6006",
  "domain": "huaweicloud.css",
  "message": "规格变更失败。",
  "text": "Failed to modify the specifications.\n规格变更失败。\nPerform the initialization again or contact technical support.\n请重新初始化或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6006"
 },
 {
  "code": "CSS.6007",
  "domain": "huaweicloud.css",
  "message": "重置密码失败。",
  "text": "Failed to reset the password.\n重置密码失败。\nReset the password.\n请再次重置密码。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6007"
 },
 {
  "code": "CSS.6008",
  "domain": "huaweicloud.css",
  "message": "更新 YML 文件失败。",
  "text": "Failed to update the YML file.\n更新 YML 文件失败。\nUpdate the .yml file again or contact technical support.\n请重新更新 .yml 文件或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6008"
 },
 {
  "code": "CSS.6009",
  "domain": "huaweicloud.css",
  "message": "快照创建失败。",
  "text": "Failed to create the snapshot.\n快照创建失败。\nTry again later or contact technical support.\n请稍后重试或联系技术支持。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6009"
 },
 {
  "code": "CSS.6010",
  "domain": "huaweicloud.css",
  "message": "OBS 对象不存在或已被删除，恢复快照失败。",
  "text": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.\nOBS 对象不存在或已被删除，恢复快照失败。\nCheck whether the configured OBS object exists.\n请检查所配置的 OBS 对象是否存在。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6010"
 },
 {
  "code": "CSS.6011",
  "domain": "huaweicloud.css",
  "message": "所选 OBS 桶不存在或已被删除，创建快照失败。",
  "text": "Failed to create the snapshot because the OBS bucket you select does not exist or has been deleted.\n所选 OBS 桶不存在或已被删除，创建快照失败。\nCheck whether the OBS bucket exists.\n请检查 OBS 桶是否存在。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6011"
 },
 {
  "code": "CSS.6012",
  "domain": "huaweicloud.css",
  "message": "OBS 对象不存在或已被删除，恢复快照失败。",
  "text": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.\nOBS 对象不存在或已被删除，恢复快照失败。\nCheck whether the OBS bucket exists.\n请检查 OBS 桶是否存在。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6012"
 },
 {
  "code": "CSS.6013",
  "domain": "huaweicloud.css",
  "message": "集群上正在执行其他操作，无法修改参数。",
  "text": "The parameters cannot be modified because other operations are being performed on the cluster.\n集群上正在执行其他操作，无法修改参数。\nModify parameters when the cluster is available.\n请在集群可用时修改参数。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6013"
 },
 {
  "code": "CSS.6014",
  "domain": "huaweicloud.css",
  "message": "部分参数不允许修改。",
  "text": "Some parameters cannot be modified.\n部分参数不允许修改。\nCheck whether the submitted parameter modification request contains a parameter value that cannot be modified. If yes, delete the parameter and try again.\n请检查提交的参数修改请求中是否包含不允许修改的参数值。如有，请删除该参数后重试。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6014"
 },
 {
  "code": "CSS.6015",
  "domain": "huaweicloud.css",
  "message": "参数值不是 YAML 格式。",
  "text": "The parameter value is not in YAML format.\n参数值不是 YAML 格式。\nModify the parameter format and try again.\n请修改参数格式后重试。\n",
  "href": "huaweicloud.css.zh-CN.html#CSS.6015"
 }
];
