/** Inline error under a form control; link it with aria-describedby={fieldErrorId(id)}. */
export const fieldErrorId = (id: string) => `${id}-error`;

export function FieldError({ id, message }: { id: string; message: string | undefined | null }) {
  if (!message) return null;
  return (
    <p id={fieldErrorId(id)} className="field-error" role="alert">
      {message}
    </p>
  );
}
