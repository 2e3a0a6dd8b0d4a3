import { Button, Typography } from '@mui/material';
import { useLogout, useSession } from '../api/session';

/** "Signed in as ann" and Log out, shown only when the server asks for a login. */
export function SessionMenu() {
  const { data: session } = useSession();
  const logout = useLogout();
  if (!session?.authRequired || !session.user) return null;
  return (
    <>
      <Typography component="span" variant="body2" noWrap sx={{ display: { xs: 'none', md: 'inline' } }}>
        Signed in as {session.user}
      </Typography>
      <Button color="inherit" size="small" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Log out
      </Button>
    </>
  );
}
