import { Injectable } from '@nestjs/common';
import type { AdminUser } from '@discordgym/contracts';
import type { AdminCommand } from './admin-command.schema';
import { cliActor } from './admin.policy';
import { AdminService } from './admin.service';

export type { AdminCommand } from './admin-command.schema';

export interface AdminCommandResult {
  /** One line for the person at the terminal. */
  message: string;
  user: AdminUser;
}

@Injectable()
export class AdminCommands {
  constructor(private readonly admin: AdminService) {}

  async run(command: AdminCommand): Promise<AdminCommandResult> {
    switch (command.command) {
      case 'create-admin': {
        const user = await this.admin.createAdmin(cliActor, { email: command.email, username: command.username, password: command.password });
        return { message: `Created admin ${user.handle} (${user.email})`, user };
      }
      case 'promote': {
        const target = await this.admin.findByHandle(command.handle);
        const user = await this.admin.setRole(cliActor, target.id, command.role);
        return { message: `${user.handle} is now ${user.role}`, user };
      }
      case 'ban': {
        const target = await this.admin.findByHandle(command.handle);
        const user = await this.admin.ban(cliActor, target.id, { reason: command.reason, ...(command.until ? { until: command.until } : {}) });
        return { message: `Banned ${user.handle} ${user.banned_until ? `until ${user.banned_until}` : 'without end'}: ${command.reason}`, user };
      }
      case 'unban': {
        const target = await this.admin.findByHandle(command.handle);
        const user = await this.admin.unban(cliActor, target.id);
        return { message: `Lifted the ban on ${user.handle}`, user };
      }
      case 'reset-password': {
        const target = await this.admin.findByHandle(command.handle);
        const user = await this.admin.resetPassword(cliActor, target.id, command.password);
        return { message: `New password set for ${user.handle}; every session of theirs was signed out`, user };
      }
    }
  }
}
