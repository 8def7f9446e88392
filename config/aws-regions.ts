/**
 * The AWS regions a VPC of this template may live in, by partition.
 *
 * Keep this list in step with AWS: a region that is missing here is rejected
 * by the config schema with a message that lists the known ones.
 */
export const AWS_REGIONS_BY_PARTITION = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
} as const;

/** An AWS partition: the first field of every ARN. */
export type AwsPartition = keyof typeof AWS_REGIONS_BY_PARTITION;

/** An AWS region name such as `us-east-1`. */
export type AwsRegion = (typeof AWS_REGIONS_BY_PARTITION)[AwsPartition][number];

/** Every known region, all partitions together. */
export const AWS_REGIONS: readonly AwsRegion[] = Object.values(AWS_REGIONS_BY_PARTITION).flat();

/** The partition a region belongs to (`aws`, `aws-cn` or `aws-us-gov`). */
export function partitionOf(region: AwsRegion): AwsPartition {
  for (const [partition, regions] of Object.entries(AWS_REGIONS_BY_PARTITION)) {
    if ((regions as readonly string[]).includes(region)) return partition as AwsPartition;
  }
  throw new Error(`unknown AWS region ${region}`);
}
