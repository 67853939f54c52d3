export * from './errors';
export * from './message-crypto';
export * from './xml';
export * from './callback-common';
export * from './oa-callback';
export * from './wecom-callback';
export * from './miniapp-callback';
export * from './pay-v3';
