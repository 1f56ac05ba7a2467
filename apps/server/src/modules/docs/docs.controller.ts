import { Controller } from '@nestjs/common';
import { routes } from '@discordgym/contracts';
import { Route } from '../../common/route.decorator';
import { buildOpenApiDocument } from './openapi';

@Controller()
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Route(routes.openApi)
  openApi(): Record<string, unknown> {
    return this.document;
  }
}
