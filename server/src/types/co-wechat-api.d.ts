// The parts of co-wechat-api 3.11 we use (the package ships no types).
declare module 'co-wechat-api' {
  interface StoredToken {
    accessToken: string;
    /** ms since epoch */
    expireTime: number;
  }
  class WechatAPI {
    constructor(
      appid: string,
      appsecret: string,
      getToken?: () => Promise<StoredToken | null>,
      saveToken?: (token: StoredToken | null) => Promise<void>,
      tokenFromCustom?: boolean,
    );
    prefix: string;
    snsPrefix: string;
    mpPrefix: string;
    fileServerPrefix: string;
    payPrefix: string;
    merchantPrefix: string;
    customservicePrefix: string;
    wxaPrefix: string;
    setOpts(opts: { timeout?: number }): void;
    /** A valid token from the getToken hook, or a freshly fetched one. */
    ensureAccessToken(): Promise<StoredToken>;
    /** The library's HTTP call: errcode ≠ 0 throws; 40001/42001 refresh the token and retry. */
    request(url: string, opts?: { method?: string; dataType?: string; data?: string; headers?: Record<string, string> }): Promise<unknown>;
    getUser(options: string | { openid: string; lang?: string }): Promise<Record<string, unknown>>;
    getFollowers(nextOpenid?: string): Promise<{ total?: number; count?: number; data?: { openid: string[] }; next_openid?: string }>;
    batchGetUsers(openids: string[], lang?: string): Promise<{ user_info_list?: Record<string, unknown>[] }>;
    createTags(name: string): Promise<{ tag: { id: number; name: string } }>;
    getTags(): Promise<{ tags: { id: number; name: string; count: number }[] }>;
    batchTagging(openids: string[], tagId: number): Promise<unknown>;
    batchUnTagging(openids: string[], tagId: number): Promise<unknown>;
    getUsersFromTag(tagId: number, nextOpenid?: string): Promise<{ count?: number; data?: { openid: string[] }; next_openid?: string }>;
    sendText(openid: string, text: string): Promise<{ errcode: number; errmsg: string }>;
    sendTemplate(
      openid: string,
      templateId: string,
      url: string | undefined,
      topColor: string | undefined,
      data: Record<string, { value: string; color?: string }>,
      miniprogram?: { appid: string; pagepath?: string },
    ): Promise<{ errcode: number; errmsg: string; msgid: unknown }>;
  }
  export = WechatAPI;
}
