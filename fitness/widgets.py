"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class JoinedSelect(forms.Select):
    """A <select> whose options are joined in Python, for long lists (every exercise a member
    has done, every time zone). Django's Select renders one template per option, which for
    a hundred options is most of a page's time. Flat choices only: no option groups."""

    def options_html(self, selected: set[str]) -> str:
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if str(value) in selected else "", label)
                for value, label in self.choices
            ),
        )

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html(
            "<select{}>{}</select>", final_attrs, self.options_html(set(self.format_value(value)))
        )
