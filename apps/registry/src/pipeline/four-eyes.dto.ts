import { ApiProperty } from '@nestjs/swagger';

/**
 * The server's verdict, for the signed-in person, on approving a reviewable change: the console shows it (it
 * hides or disables what is refused and says why) and never decides it again.
 */
export class FourEyesDto {
  @ApiProperty({ description: 'Whether you may approve it' }) allowed: boolean;
  @ApiProperty({ required: false, enum: ['FOUR_EYES_REQUIRED', 'FORBIDDEN'], description: 'Why not, as a stable code' })
  code?: 'FOUR_EYES_REQUIRED' | 'FORBIDDEN';
  @ApiProperty({
    required: false,
    enum: ['approver_not_active', 'same_account', 'approver_controls_author', 'author_controls_approver', 'shared_controller'],
    description: 'Which four-eyes rule refused it',
  })
  rule?: string;
  @ApiProperty({ required: false, description: 'Why not, in a sentence' }) reason?: string;
}
