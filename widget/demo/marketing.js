// Marketing page: a button elsewhere on the page opens the widget on its search view.
document.getElementById('ask').addEventListener('click', () => {
  Kotae('open', { view: 'search' });
});
