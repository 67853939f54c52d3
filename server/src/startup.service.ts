import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from './accounts/users.service';
import { DemoSeedResult, DemoSeedService } from './demo/demo-seed.service';
import { APP_CONFIG, AppConfig } from './platform/config/config';

/** First-boot work: the first owner, then (when asked for) the demo brand. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');
  owner: { username: string; generatedPassword?: string } | null = null;
  demo: DemoSeedResult | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly demoSeed: DemoSeedService,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.runsApi) return;
    this.owner = await this.users.ensureOwner();
    if (this.config.demoData) this.demo = await this.demoSeed.seedIfEmpty();
    if (this.owner) this.logger.log(`owner account "${this.owner.username}" created`);
  }
}
