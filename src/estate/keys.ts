// Top-level response keys: which we model, which we know but do not model, which we ignore.

/**
 * Keys of AWS responses we recognise but do not represent in the model. They are counted in
 * `estate.notModelled` (so `inventory` can say what could not be analysed) without a warning.
 */
export const NOT_MODELLED_KEYS: ReadonlySet<string> = new Set([
  'AvailabilityZones',
  'CustomerGateways',
  'DirectConnectGatewayAssociations',
  'DirectConnectGateways',
  'VirtualInterfaces',
  'DomainStatusList',
  'DomainStatus',
  'DomainNames',
  'ElasticsearchDomains',
  'LoadBalancerAttributes',
  'LoadBalancerDescriptions',
  'ServiceDetails',
  'ServiceNames',
  'VpcEndpointServices',
  'VpnConnections',
  'VpnGateways',
  'TransitGatewayPeeringAttachments',
  'TransitGatewayConnects',
  'LocalGatewayRouteTables',
  'CarrierGateways',
  'FlowLogs',
  'Buckets',
  'Functions',
  'Clusters',
  'ClusterSubnetGroups',
  'ClusterInfoList',
  'Snapshots',
  'SecretList',
  'Topics',
  'QueueUrls',
  'trailList',
  'HostedZoneSummaries',
  'SAMLProviderList',
  'SummaryMap',
  'DetectorIds',
  'repositories',
  'clusterArns',
  'taskArns',
  'tasks',
  'analyzers',
  'Regions',
]);

/**
 * Sibling keys of paginated or wrapped responses that carry no resources (pagination markers,
 * metadata, the id that goes with an `Entries`/`TargetHealthDescriptions` list).
 */
export const IGNORED_KEYS: ReadonlySet<string> = new Set([
  'NextToken',
  'nextToken',
  'Marker',
  'NextMarker',
  'IsTruncated',
  'MaxItems',
  'MaxResults',
  'ResponseMetadata',
  'AdditionalRoutesAvailable',
  'PrefixListId',
  'TargetGroupArn',
  'DelegationSet',
  'failures',
]);
