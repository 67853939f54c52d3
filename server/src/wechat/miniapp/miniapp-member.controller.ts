import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly } from '../../platform/auth/decorators';
import { MemberPrincipal } from '../../platform/http/request-context';
import { MpBindPhoneDto, MpPageViewBatchDto, MpPageViewsAcceptedDto, MpPhoneBoundDto } from './miniapp-member.dto';
import { MiniappPageViewsService } from './miniapp-page-views.service';
import { MiniappPhoneService } from './miniapp-phone.service';

/** What a logged-in mini-program member reports about themselves: a verified phone, page views. */
@ApiTags('mini-program')
@Controller('api/mp')
export class MiniappMemberController {
  constructor(
    private readonly phones: MiniappPhoneService,
    private readonly pageViews: MiniappPageViewsService,
  ) {}

  @Post('me/phone')
  @MemberOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Bind the phone number WeChat verified (the getPhoneNumber button code)' })
  @ApiOkResponse({ type: MpPhoneBoundDto })
  bindPhone(@CurrentMember() p: MemberPrincipal, @Body() dto: MpBindPhoneDto): Promise<MpPhoneBoundDto> {
    return this.phones.bind(p.memberId, dto.code);
  }

  @Post('events/page-views')
  @MemberOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Report a batch of page views (up to 50); a viewId already stored is skipped' })
  @ApiOkResponse({ type: MpPageViewsAcceptedDto })
  recordPageViews(@CurrentMember() p: MemberPrincipal, @Body() dto: MpPageViewBatchDto): Promise<MpPageViewsAcceptedDto> {
    return this.pageViews.record(p.memberId, dto.views);
  }
}
