from django.core.exceptions import ValidationError


def show_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names; anything
    else, or a message without a field, goes at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)
