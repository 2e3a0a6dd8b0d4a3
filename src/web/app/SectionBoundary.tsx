import { Component, type ReactNode } from 'react';
import { Alert, Button } from '@mui/material';

// A failing section (or a chunk that failed to download) must not take the form and its edits down with it.
export class SectionBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        }
      >
        This section could not be shown ({this.state.error.message}). Your unsaved edits in other sections are kept.
      </Alert>
    );
  }
}
