import type { WebhookConfigPatch } from '../webhooks/config-store';
import type { RestCtx, RestRouter } from './context';
import { webhookConfigResource } from './resources';

function patchFrom(ctx: RestCtx, withTarget: boolean): WebhookConfigPatch {
  const p = ctx.params;
  const patch: WebhookConfigPatch = {};
  if (p.has('Method')) patch.method = (p.str('Method') ?? '') as WebhookConfigPatch['method'];
  if (p.has('Filters')) patch.filters = p.list('Filters').filter(Boolean);
  if (p.has('PreWebhookUrl')) patch.preWebhookUrl = p.str('PreWebhookUrl') || null;
  if (p.has('PostWebhookUrl')) patch.postWebhookUrl = p.str('PostWebhookUrl') || null;
  if (withTarget && p.has('Target')) patch.target = p.str('Target') as WebhookConfigPatch['target'];
  return patch;
}

/** Account-level `/v1/Configuration/Webhooks` and service-level `/v1/Services/{IS}/Configuration/Webhooks`. */
export function webhookConfigRoutes(router: RestRouter): void {
  const account = '/v1/Configuration/Webhooks';
  const service = '/v1/Services/:serviceSid/Configuration/Webhooks';
  const accountSid = (ctx: RestCtx): string => ctx.svc.ids.accountSid;
  const serviceSid = (ctx: RestCtx): string => ctx.svc.ids.serviceSid;

  router.on('GET', account, (ctx) => ({ status: 200, body: webhookConfigResource(accountSid(ctx), ctx.origin + account, ctx.webhookConfigs.account(), null) }));
  router.on('POST', account, (ctx) => {
    const config = ctx.webhookConfigs.updateAccount(patchFrom(ctx, true));
    return { status: 200, body: webhookConfigResource(accountSid(ctx), ctx.origin + account, config, null) };
  });
  const serviceUrl = (ctx: RestCtx): string => `${ctx.origin}/v1/Services/${serviceSid(ctx)}/Configuration/Webhooks`;
  router.on('GET', service, (ctx) => ({
    status: 200,
    body: webhookConfigResource(accountSid(ctx), serviceUrl(ctx), ctx.webhookConfigs.service(serviceSid(ctx)), serviceSid(ctx)),
  }));
  router.on('POST', service, (ctx) => {
    const config = ctx.webhookConfigs.updateService(serviceSid(ctx), patchFrom(ctx, false));
    return { status: 200, body: webhookConfigResource(accountSid(ctx), serviceUrl(ctx), config, serviceSid(ctx)) };
  });
}
