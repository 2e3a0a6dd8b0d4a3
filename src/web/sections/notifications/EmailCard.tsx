import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { useProjectContext } from '../../settings/project-context';
import { SectionCard } from '../../components/SectionCard';
import { SwitchField } from './SwitchField';
import { EMAIL_SWITCHES, emailRecipients } from './logic';

export function EmailCard() {
  return (
    <SectionCard title="Email">
      <SwitchField name="is_send_emails_enabled" />
      {EMAIL_SWITCHES.map((name) => (
        <SwitchField key={name} name={name} />
      ))}
      <Recipients />
    </SectionCard>
  );
}

/** Read-only: who gets the emails (members with is_email_notify_enabled; this console cannot change it). */
function Recipients() {
  const { project } = useProjectContext();
  const sendEmails = useWatch<ProjectFormValues>({ name: 'is_send_emails_enabled' });
  const recipients = emailRecipients(project.members);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        Email recipients
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Project members with email notifications turned on. They are managed in Cekura&apos;s own app, where each member
        turns email notifications on or off in their notification settings; this console only shows them.
        {sendEmails !== true && ' No email is sent while "Send emails" is off.'}
      </Typography>
      {recipients.length === 0 ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          No member receives emails.
        </Typography>
      ) : (
        <List dense aria-labelledby={headingId}>
          {recipients.map((recipient, index) => (
            <ListItem key={`${recipient.email}-${index}`} disableGutters>
              <ListItemText primary={recipient.name} secondary={recipient.email} />
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
}
