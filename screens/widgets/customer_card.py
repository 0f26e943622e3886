"""The caller at a glance beside a ticket: name, reading, company, phone (in one national format), e-mail, rank,
and the purchase the ticket is about. Everything from people is shown as text (never markup)."""

from rich.text import Text
from textual.widgets import Static

from screens.formatting import yen
from screens.safe_text import shown
from supportdesk.i18n import t, v
from supportdesk.phones import display_phone
from supportdesk.services.readmodels import CustomerSummary, PurchaseView


def card_text(customer: CustomerSummary, purchase: PurchaseView | None) -> Text:
    card = Text()
    card.append(shown(customer.full_name, one_line=True), style="bold")
    phone = display_phone(customer.phone or customer.mobile)
    for line in (customer.name_kana, customer.company_name, customer.department, phone, customer.email):
        if line:
            card.append("\n" + shown(line, one_line=True))
    card.append(f"\n{t('Rank')}: {v(customer.rank)}")
    if purchase is not None:
        card.append("\n\n" + t("Linked purchase"), style="bold")
        card.append(
            "\n" + shown(purchase.product_name, one_line=True) + "\n" + shown(purchase.product_sku, one_line=True)
        )
        card.append(f"\n{purchase.purchased_on} ×{purchase.quantity} {yen(purchase.amount)}")
        if purchase.order_ref:
            card.append("\n" + shown(purchase.order_ref, one_line=True))
    return card


class CustomerCard(Static):
    DEFAULT_CSS = """
    CustomerCard {
        height: auto;
    }
    """

    def show(self, customer: CustomerSummary, purchase: PurchaseView | None = None) -> None:
        self.update(card_text(customer, purchase))
