// The search index of the error code site.
window.errcatIndex = [
 {
  "code": "CSS.0001",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The parameter is incorrect.",
  "text": "The parameter is incorrect.\nCheck the parameter settings according to the returned information.\n",
  "href": "huaweicloud.css.en.html#CSS.0001"
 },
 {
  "code": "CSS.0005",
  "domain": "huaweicloud.css",
  "status": 500,
  "message": "Server error.",
  "text": "Server error.\nContact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.0005"
 },
 {
  "code": "CSS.0006",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The request body is empty. Enter a request parameter.",
  "text": "The request body is empty. Enter a request parameter.\nEnter the request parameters.\n",
  "href": "huaweicloud.css.en.html#CSS.0006"
 },
 {
  "code": "CSS.0011",
  "domain": "huaweicloud.css",
  "status": 202,
  "message": "This operation cannot be performed because another operation is being performed on the instance or the instance is faulty. Please try again later.",
  "text": "This operation cannot be performed because another operation is being performed on the instance or the instance is faulty. Please try again later.\nTry again later.\n",
  "href": "huaweicloud.css.en.html#CSS.0011"
 },
 {
  "code": "CSS.0015",
  "domain": "huaweicloud.css",
  "status": 403,
  "message": "Resource not found or permission denied.",
  "text": "Resource not found or permission denied.\nChange the resource ID or check the access permission.\n",
  "href": "huaweicloud.css.en.html#CSS.0015"
 },
 {
  "code": "CSS.0022",
  "domain": "huaweicloud.css",
  "status": 404,
  "message": "The instance does not exist or has been deleted.",
  "text": "The instance does not exist or has been deleted.\nChange the instance ID.\n",
  "href": "huaweicloud.css.en.html#CSS.0022"
 },
 {
  "code": "CSS.0032",
  "domain": "huaweicloud.css",
  "status": 403,
  "message": "The current user has no operation permissions.",
  "text": "The current user has no operation permissions.\nCheck the permissions.\n",
  "href": "huaweicloud.css.en.html#CSS.0032"
 },
 {
  "code": "CSS.0045",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The token is incorrect.",
  "text": "The token is incorrect.\nObtain the token again.\n",
  "href": "huaweicloud.css.en.html#CSS.0045"
 },
 {
  "code": "CSS.1112",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The number of instances has reached the quota.",
  "text": "The number of instances has reached the quota.\nDelete some clusters or increase the quota.\n",
  "href": "huaweicloud.css.en.html#CSS.1112"
 },
 {
  "code": "CSS.3011",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid retention duration of the backup.",
  "text": "Invalid retention duration of the backup.\nChange the allowed retention duration.\n",
  "href": "huaweicloud.css.en.html#CSS.3011"
 },
 {
  "code": "CSS.3027",
  "domain": "huaweicloud.css",
  "status": 404,
  "message": "The cluster does not exist.",
  "text": "The cluster does not exist.\nCheck whether the cluster ID is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.3027"
 },
 {
  "code": "CSS.5007",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The selected flavor does not exist.",
  "text": "The selected flavor does not exist.\nCheck whether the specifications are correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5007"
 },
 {
  "code": "CSS.5009",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The hard disk size is beyond the valid range.",
  "text": "The hard disk size is beyond the valid range.\nChange the disk size.\n",
  "href": "huaweicloud.css.en.html#CSS.5009"
 },
 {
  "code": "CSS.5014",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid VPC ID.",
  "text": "Invalid VPC ID.\nCheck whether the VPC ID is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5014"
 },
 {
  "code": "CSS.5015",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid subnet ID.",
  "text": "Invalid subnet ID.\nCheck whether the subnet ID is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5015"
 },
 {
  "code": "CSS.5021",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The VPC does not exist or does not belong to the user.",
  "text": "The VPC does not exist or does not belong to the user.\nCheck whether the VPC is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5021"
 },
 {
  "code": "CSS.5023",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The security group does not exist or does not belong to the VPC.",
  "text": "The security group does not exist or does not belong to the VPC.\nCheck whether the security group is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5023"
 },
 {
  "code": "CSS.5157",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The CIDR does not exist or is invalid.",
  "text": "The CIDR does not exist or is invalid.\nCheck whether there are subnets in the VPC.\n",
  "href": "huaweicloud.css.en.html#CSS.5157"
 },
 {
  "code": "CSS.5036",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The engine does not exist.",
  "text": "The engine does not exist.\nCheck whether the datastore parameter setting is correct.\n",
  "href": "huaweicloud.css.en.html#CSS.5036"
 },
 {
  "code": "CSS.5047",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The number of instances is beyond the valid range.",
  "text": "The number of instances is beyond the valid range.\nCheck whether the number of instances is within the range.\n",
  "href": "huaweicloud.css.en.html#CSS.5047"
 },
 {
  "code": "CSS.5050",
  "domain": "huaweicloud.css",
  "status": 409,
  "message": "The cluster name already exists.",
  "text": "The cluster name already exists.\nChange the cluster name.\n",
  "href": "huaweicloud.css.en.html#CSS.5050"
 },
 {
  "code": "CSS.5052",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid value of the AZ.",
  "text": "Invalid value of the AZ.\nChange the AZ.\n",
  "href": "huaweicloud.css.en.html#CSS.5052"
 },
 {
  "code": "CSS.5055",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid flavor.",
  "text": "Invalid flavor.\nModify the specifications.\n",
  "href": "huaweicloud.css.en.html#CSS.5055"
 },
 {
  "code": "CSS.5061",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The hard disk type is invalid.",
  "text": "The hard disk type is invalid.\nChange the hard disk type.\n",
  "href": "huaweicloud.css.en.html#CSS.5061"
 },
 {
  "code": "CSS.5071",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The disk type does not match that in the XML configuration file.",
  "text": "The disk type does not match that in the XML configuration file.\nChange the hard disk type.\n",
  "href": "huaweicloud.css.en.html#CSS.5071"
 },
 {
  "code": "CSS.5072",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The security group ID is invalid.",
  "text": "The security group ID is invalid.\nChange the security group ID.\n",
  "href": "huaweicloud.css.en.html#CSS.5072"
 },
 {
  "code": "CSS.5074",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The subnet does not belong to the VPC.",
  "text": "The subnet does not belong to the VPC.\nChange the subnet ID.\n",
  "href": "huaweicloud.css.en.html#CSS.5074"
 },
 {
  "code": "CSS.5077",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid cluster name.",
  "text": "Invalid cluster name.\nChange the cluster name.\n",
  "href": "huaweicloud.css.en.html#CSS.5077"
 },
 {
  "code": "CSS.5078",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "The hard disk size is beyond the valid range.",
  "text": "The hard disk size is beyond the valid range.\nChange the disk size.\n",
  "href": "huaweicloud.css.en.html#CSS.5078"
 },
 {
  "code": "CSS.5092",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid hard disk information.",
  "text": "Invalid hard disk information.\nModify the hard disk information.\n",
  "href": "huaweicloud.css.en.html#CSS.5092"
 },
 {
  "code": "CSS.5093",
  "domain": "huaweicloud.css",
  "status": 400,
  "message": "Invalid specification information.",
  "text": "Invalid specification information.\nModify the specification information.\n",
  "href": "huaweicloud.css.en.html#CSS.5093"
 },
 {
  "code": "CSS.5130",
  "domain": "huaweicloud.css",
  "status": 412,
  "message": "The agency name is invalid.",
  "text": "The agency name is invalid.\nChange the agency name.\n",
  "href": "huaweicloud.css.en.html#CSS.5130"
 },
 {
  "code": "CSS.9999",
  "domain": "huaweicloud.css",
  "status": 500,
  "message": "Request processing failed.",
  "text": "Request processing failed.\nContact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.9999"
 },
 {
  "code": "CSS.6000",
  "domain": "huaweicloud.css",
  "message": "Clusters fail to be created.",
  "text": "Clusters fail to be created.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6000"
 },
 {
  "code": "CSS.6001",
  "domain": "huaweicloud.css",
  "message": "Cluster scale-out fails.",
  "text": "Cluster scale-out fails.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6001"
 },
 {
  "code": "CSS.6002",
  "domain": "huaweicloud.css",
  "message": "Failed to bind the elastic IP address to the cluster.",
  "text": "Failed to bind the elastic IP address to the cluster.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6002"
 },
 {
  "code": "CSS.6003",
  "domain": "huaweicloud.css",
  "message": "Failed to restore the cluster.",
  "text": "Failed to restore the cluster.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6003"
 },
 {
  "code": "CSS.6004",
  "domain": "huaweicloud.css",
  "message": "Failed to create a node.",
  "text": "Failed to create a node.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6004"
 },
 {
  "code": "CSS.6005",
  "domain": "huaweicloud.css",
  "message": "The initialization fails.",
  "text": "The initialization fails.\nPerform the initialization again or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6005"
 },
 {
  "code": "CSS.6006",
  "domain": "huaweicloud.css",
  "message": "Failed to modify the specifications.",
  "text": "Failed to modify the specifications.\nPerform the initialization again or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6006"
 },
 {
  "code": "CSS.6007",
  "domain": "huaweicloud.css",
  "message": "Failed to reset the password.",
  "text": "Failed to reset the password.\nReset the password.\n",
  "href": "huaweicloud.css.en.html#CSS.6007"
 },
 {
  "code": "CSS.6008",
  "domain": "huaweicloud.css",
  "message": "Failed to update the YML file.",
  "text": "Failed to update the YML file.\nUpdate the .yml file again or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6008"
 },
 {
  "code": "CSS.6009",
  "domain": "huaweicloud.css",
  "message": "Failed to create the snapshot.",
  "text": "Failed to create the snapshot.\nTry again later or contact technical support.\n",
  "href": "huaweicloud.css.en.html#CSS.6009"
 },
 {
  "code": "CSS.6010",
  "domain": "huaweicloud.css",
  "message": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.",
  "text": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.\nCheck whether the configured OBS object exists.\n",
  "href": "huaweicloud.css.en.html#CSS.6010"
 },
 {
  "code": "CSS.6011",
  "domain": "huaweicloud.css",
  "message": "Failed to create the snapshot because the OBS bucket you select does not exist or has been deleted.",
  "text": "Failed to create the snapshot because the OBS bucket you select does not exist or has been deleted.\nCheck whether the OBS bucket exists.\n",
  "href": "huaweicloud.css.en.html#CSS.6011"
 },
 {
  "code": "CSS.6012",
  "domain": "huaweicloud.css",
  "message": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.",
  "text": "Failed to restore the snapshot because the OBS object does not exist or has been deleted.\nCheck whether the OBS bucket exists.\n",
  "href": "huaweicloud.css.en.html#CSS.6012"
 },
 {
  "code": "CSS.6013",
  "domain": "huaweicloud.css",
  "message": "The parameters cannot be modified because other operations are being performed on the cluster.",
  "text": "The parameters cannot be modified because other operations are being performed on the cluster.\nModify parameters when the cluster is available.\n",
  "href": "huaweicloud.css.en.html#CSS.6013"
 },
 {
  "code": "CSS.6014",
  "domain": "huaweicloud.css",
  "message": "Some parameters cannot be modified.",
  "text": "Some parameters cannot be modified.\nCheck whether the submitted parameter modification request contains a parameter value that cannot be modified. If yes, delete the parameter and try again.\n",
  "href": "huaweicloud.css.en.html#CSS.6014"
 },
 {
  "code": "CSS.6015",
  "domain": "huaweicloud.css",
  "message": "The parameter value is not in YAML format.",
  "text": "The parameter value is not in YAML format.\nModify the parameter format and try again.\n",
  "href": "huaweicloud.css.en.html#CSS.6015"
 }
];
