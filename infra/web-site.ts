/**
 * Hosts the description's web app: a private S3 bucket that only CloudFront reads (origin access
 * control), HTTPS only, holding the built app plus an `amplify_outputs.json` made at deploy time from
 * this stack's own values (BucketDeployment resolves the tokens), so the hosted app needs no manual step.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource, arnPlaceholder } from './nag.js';

export interface WebSiteProps {
  /** The folder the description's web build wrote. */
  assetDir: string;
  /** The app's configuration, with the stack's values as tokens. */
  amplifyOutputs: Record<string, unknown>;
}

export class WebSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    // Everything in it is rebuilt on each deploy, so it goes with the stack.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'turnbase web app',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
    });
    new s3deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(props.assetDir), s3deploy.Source.jsonData('amplify_outputs.json', props.amplifyOutputs)],
      // A new deploy must show at once, amplify_outputs.json above all.
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      cacheControl: [s3deploy.CacheControl.noCache()],
    });
    acknowledgeSiteFindings(this);
  }
}

function acknowledgeSiteFindings(site: WebSite): void {
  const acknowledge = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  acknowledge(site.bucket, 'AwsSolutions-S1', 'The bucket holds only the public web app, rebuilt on every deploy; CloudFront is the only reader.');
  acknowledge(site.distribution, 'AwsSolutions-CFR1', 'A game open to players anywhere: no geographic restriction.');
  acknowledge(site.distribution, 'AwsSolutions-CFR2', 'Static files only (the API has its own auth); a WAF would cost more than the site.');
  acknowledge(site.distribution, 'AwsSolutions-CFR3', 'Static files of a public app; access logs would add a bucket and cost without a use.');
  acknowledge(site.distribution, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate allows no minimum TLS setting; a custom domain would set TLSv1.2_2021.');
  const stack = Stack.of(site);
  const helpers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment') || child.node.id.startsWith('Custom::S3AutoDeleteObjects'));
  const copying = 'CDK-owned deployment helper: it reads the build from the CDK assets bucket, replaces the site bucket\'s objects and invalidates the distribution; object keys are known only at deploy time.';
  for (const helper of helpers) {
    acknowledge(helper, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK-owned deployment helper: AWS basic execution policy for its own logs.');
    acknowledge(helper, 'AwsSolutions-L1', 'CDK-owned deployment helper: its runtime is chosen by the CDK version.');
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) acknowledge(helper, `AwsSolutions-IAM5[Action::${action}]`, copying);
    for (const resource of ['arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', `${arnPlaceholder(site.bucket)}/*`]) acknowledgeWildcardResource(helper, resource, copying);
    acknowledgeWildcardResource(helper, '*', 'CDK-owned deployment helper: cloudfront:CreateInvalidation and GetInvalidation take no resource narrower than *.');
  }
}
