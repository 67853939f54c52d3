import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly, Public } from '../../platform/auth/decorators';
import { MemberPrincipal } from '../../platform/http/request-context';
import { MiniappAuthService } from './miniapp-auth.service';
import { MpConfigDto, MpLoginDto, MpLoginResponseDto, MpMemberDto, MpUpdateMeDto } from './miniapp.dto';

@ApiTags('mini-program')
@Controller('api/mp')
export class MiniappController {
  constructor(private readonly auth: MiniappAuthService) {}

  @Get('config')
  @Public()
  @ApiOkResponse({ type: MpConfigDto })
  config(): MpConfigDto {
    return this.auth.config_();
  }

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a wx.login code for a member session' })
  @ApiOkResponse({ type: MpLoginResponseDto })
  login(@Body() dto: MpLoginDto): Promise<MpLoginResponseDto> {
    return this.auth.login(dto.code, dto.appId);
  }

  @Get('me')
  @MemberOnly()
  @ApiOkResponse({ type: MpMemberDto })
  me(@CurrentMember() p: MemberPrincipal): Promise<MpMemberDto> {
    return this.auth.me(p.memberId);
  }

  @Patch('me')
  @MemberOnly()
  @ApiOkResponse({ type: MpMemberDto })
  update(@CurrentMember() p: MemberPrincipal, @Body() dto: MpUpdateMeDto): Promise<MpMemberDto> {
    return this.auth.updateMe(p.memberId, dto);
  }
}
