import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import { BadInputError } from '../../platform/errors/app-error';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Public } from '../../platform/auth/decorators';
import { SandboxRecorder } from './sandbox-recorder.interceptor';
import { SandboxState } from './sandbox-state.service';

class SandboxFollowersDto {
  @ApiProperty({ example: 'wx1234567890abcdef' }) @IsString() @MaxLength(64) appId: string;
  @ApiPropertyOptional({ description: 'these openids follow the OA (no push is sent: they followed before the account was connected)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @Matches(/^[A-Za-z0-9_-]{6,64}$/, { each: true, message: 'each openid must be 6-64 letters, digits, _ or -' })
  openids?: string[];
  @ApiPropertyOptional({ description: 'or this many made-up followers' }) @IsOptional() @IsInt() @Min(1) @Max(100_000) count?: number;
  @ApiPropertyOptional({ description: 'user/get page size from now on (WeChat: 10000)' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) pageSize?: number;
}

class SandboxTagMembersDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) openids: string[];
}

class SandboxFollowersResultDto {
  @ApiProperty() appId: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [String] }) added: string[];
}

/** The sandbox's OA follower list: what user/get and user/info/batchget answer, and a way to seed it. */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxOaController {
  constructor(private readonly state: SandboxState) {}

  @Post('oa/followers')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Make people follow the sandbox OA without a push (to test importing existing followers)' })
  @ApiOkResponse({ type: SandboxFollowersResultDto })
  seed(@Body() dto: SandboxFollowersDto): SandboxFollowersResultDto {
    const added = [...(dto.openids ?? [])];
    const base = this.state.followersOf(dto.appId).length;
    for (let i = 0; i < (dto.count ?? 0); i++) added.push(`oSbxFollower${String(base + i + 1).padStart(6, '0')}`);
    for (const openid of added) this.state.setFollowing(dto.appId, openid, true);
    if (dto.pageSize) this.state.followerPageSize = dto.pageSize;
    return { appId: dto.appId, total: this.state.followersOf(dto.appId).length, added };
  }

  @Get('cgi-bin/user/get')
  @Public()
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA follower list, paged by next_openid' })
  followers(@Query() q: Record<string, string>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const all = this.state.followersOf(auth.owner);
    const from = q.next_openid ? all.indexOf(q.next_openid) + 1 : 0;
    if (q.next_openid && from === 0) return { errcode: 40003, errmsg: 'invalid next_openid' };
    const page = all.slice(from, from + this.state.followerPageSize);
    // As WeChat does: next_openid is the page's last openid; the call after the last page has count 0.
    return { total: all.length, count: page.length, data: page.length ? { openid: page } : undefined, next_openid: page.at(-1) ?? '' };
  }

  @Post('cgi-bin/user/info/batchget')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA user info for up to 100 openids' })
  batchget(@Query() q: Record<string, string>, @Body() body: { user_list?: { openid?: unknown }[] }) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const list = Array.isArray(body?.user_list) ? body.user_list : [];
    if (!list.length || list.length > 100) return { errcode: 40032, errmsg: 'invalid openid list size' };
    if (list.some((u) => typeof u?.openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(u.openid))) return { errcode: 40003, errmsg: 'invalid openid' };
    return {
      user_info_list: list.map(({ openid }) => this.state.userInfo(auth.owner, openid as string)),
    };
  }

  @Post('cgi-bin/tags/create')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA: create a user tag' })
  createTag(@Query() q: Record<string, string>, @Body() body: { tag?: { name?: unknown } }) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const name = body?.tag?.name;
    if (typeof name !== 'string' || !name.trim()) return { errcode: 40001, errmsg: 'invalid tag name' };
    if ([...name].length > 30) return { errcode: 45158, errmsg: 'tag name too long' };
    const tags = this.state.tagsOf(auth.owner);
    if ([...tags.values()].some((t) => t.name === name)) return { errcode: 45157, errmsg: 'invalid tag name (already exists)' };
    if (tags.size >= 100) return { errcode: 45056, errmsg: 'too many tags' };
    const id = Math.max(99, ...tags.keys()) + 1;
    tags.set(id, { name, members: new Set() });
    return { tag: { id, name } };
  }

  @Get('cgi-bin/tags/get')
  @Public()
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: "OA: the account's user tags" })
  listTags(@Query() q: Record<string, string>) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    return { tags: [...this.state.tagsOf(auth.owner)].map(([id, t]) => ({ id, name: t.name, count: t.members.size })) };
  }

  @Post('cgi-bin/tags/members/batchtagging')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA: tag up to 50 followers' })
  batchTagging(@Query() q: Record<string, string>, @Body() body: { openid_list?: unknown; tagid?: unknown }) {
    return this.tagging(q, body, true);
  }

  @Post('cgi-bin/tags/members/batchuntagging')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA: untag up to 50 followers' })
  batchUntagging(@Query() q: Record<string, string>, @Body() body: { openid_list?: unknown; tagid?: unknown }) {
    return this.tagging(q, body, false);
  }

  @Post('cgi-bin/user/tag/get')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SandboxRecorder)
  @ApiOperation({ summary: 'OA: followers carrying a tag, paged by next_openid' })
  tagFollowers(@Query() q: Record<string, string>, @Body() body: { tagid?: unknown; next_openid?: unknown }) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const tag = this.state.tagsOf(auth.owner).get(Number(body?.tagid));
    if (!tag) return { errcode: 45159, errmsg: 'invalid tag id' };
    const all = [...tag.members];
    const next = typeof body?.next_openid === 'string' ? body.next_openid : '';
    const from = next ? all.indexOf(next) + 1 : 0;
    const page = all.slice(from, from + this.state.followerPageSize);
    return { count: page.length, data: page.length ? { openid: page } : undefined, next_openid: page.at(-1) ?? '' };
  }

  @Post('oa/tags/:tagId/members')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Play an operator tagging followers in the OA backend (mp.weixin.qq.com), which WeChat does not push' })
  tagInConsole(@Param('tagId', ParseIntPipe) tagId: number, @Body() dto: SandboxTagMembersDto) {
    const tag = this.state.tagsOf(dto.appId).get(tagId);
    if (!tag) throw new BadInputError(`no tag ${tagId} on ${dto.appId}`, [{ field: 'tagId', message: 'no such tag' }]);
    for (const openid of dto.openids) tag.members.add(openid);
    return { tagId, count: tag.members.size };
  }

  private tagging(q: Record<string, string>, body: { openid_list?: unknown; tagid?: unknown }, add: boolean) {
    const auth = this.state.checkToken(q.access_token);
    if ('errcode' in auth) return auth;
    const list = Array.isArray(body?.openid_list) ? (body.openid_list as unknown[]) : [];
    if (!list.length || list.length > 50) return { errcode: 40032, errmsg: 'invalid openid list size' };
    if (list.some((o) => typeof o !== 'string')) return { errcode: 40003, errmsg: 'invalid openid' };
    const tag = this.state.tagsOf(auth.owner).get(Number(body?.tagid));
    if (!tag) return { errcode: 45159, errmsg: 'invalid tag id' };
    const stranger = (list as string[]).find((o) => !this.state.follower(auth.owner, o));
    if (stranger) return { errcode: 49003, errmsg: `not fans of this account: ${stranger}` };
    for (const o of list as string[]) {
      if (add) tag.members.add(o);
      else tag.members.delete(o);
    }
    return { errcode: 0, errmsg: 'ok' };
  }
}
