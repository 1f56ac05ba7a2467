import { Controller, Get, SetMetadata } from '@nestjs/common';
import { PUBLIC_ROUTE } from '../../common/route.decorator';
import { buildOpenApiDocument } from './openapi';

@Controller()
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Get('/api/docs')
  @SetMetadata(PUBLIC_ROUTE, true)
  openApi(): Record<string, unknown> {
    return this.document;
  }
}
