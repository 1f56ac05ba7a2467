import { describeInstanceRegistry } from './instance-registry.contract';
import { MemoryInstanceRegistry } from './memory-instance-registry';

describeInstanceRegistry('memory', async () => ({ registry: new MemoryInstanceRegistry(), close: async () => undefined }));
