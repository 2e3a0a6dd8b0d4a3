import { Alert, Button, Container } from '@mui/material';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Container maxWidth="sm" sx={{ py: 6 }}>
      <Alert
        severity="warning"
        action={
          <Button component={Link} to="/" color="inherit" size="small">
            Projects
          </Button>
        }
      >
        There is no page at this address.
      </Alert>
    </Container>
  );
}
